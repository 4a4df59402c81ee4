"""The print_jobs table: a job is claimed once, due jobs come oldest first, states count."""

from __future__ import annotations

from datetime import timedelta

from app.store import LocalStore
from app.store.print_jobs import JobState, NewJob, PrintJobRepository
from tests.app.store.store_helpers import FakeClock


def _job(n: int) -> NewJob:
    return NewJob("tote", f"tote T-{n}", f"T-{n}", "zebra", "zpl", b"^XA%d^XZ" % n, {"key": n})


def test_claim_is_once_and_only_for_waiting_jobs(store: LocalStore, clock: FakeClock) -> None:
    with store.unit_of_work() as uow:
        repo = PrintJobRepository(uow.session, clock)
        job_id = repo.add(_job(1))
        assert repo.claim(job_id)
        assert not repo.claim(job_id)  # a second worker gets nothing
        assert not repo.retry(job_id)  # nor does a person while it is on the wire
        repo.mark_done(job_id, "ZEBRA-7")
        assert not repo.claim(job_id)
        job = repo.get(job_id)
        assert job is not None
        assert (job.state, job.attempts, job.spooler_job) == (JobState.DONE, 1, "ZEBRA-7")
        assert job.printed_at == clock.now
        assert job.request == {"key": 1}
        assert job.size == len(b"^XA1^XZ")
        assert repo.payload(job_id) == b"^XA1^XZ"
        assert not repo.claim(999)


def test_due_jobs_oldest_first_and_back_off(store: LocalStore, clock: FakeClock) -> None:
    with store.unit_of_work() as uow:
        repo = PrintJobRepository(uow.session, clock)
        first, second, third = (repo.add(_job(n)) for n in (1, 2, 3))
        assert [j.id for j in repo.due(clock.now)] == [first, second, third]
        repo.claim(first)
        repo.mark_failed(first, "refused", "off", clock.now + timedelta(seconds=5))
        repo.claim(second)
        repo.mark_failed(second, "unknown_host", "bad address", None)
        assert [j.id for j in repo.due(clock.now)] == [third]
        assert repo.next_due_at() == clock.now
        assert [j.id for j in repo.due(clock.now + timedelta(seconds=5))] == [first, third]
        assert repo.counts() == {
            JobState.QUEUED: 1,
            JobState.PRINTING: 0,
            JobState.DONE: 0,
            JobState.FAILED: 2,
        }
        assert [j.id for j in repo.recent(states=[JobState.FAILED])] == [second, first]


def test_old_printed_jobs_can_be_purged(store: LocalStore, clock: FakeClock) -> None:
    with store.unit_of_work() as uow:
        repo = PrintJobRepository(uow.session, clock)
        waiting = repo.add(_job(1))
        old = repo.add(_job(2))
        repo.claim(old)
        repo.mark_done(old)
        clock.advance(86400 * 30)
        assert repo.purge_done(clock.now - timedelta(days=7)) == 1
        assert repo.get(old) is None
        assert repo.get(waiting) is not None
        uow.commit()
    with store.unit_of_work() as uow:  # ids are never reused (AUTOINCREMENT)
        assert PrintJobRepository(uow.session, clock).add(_job(3)) == old + 1
