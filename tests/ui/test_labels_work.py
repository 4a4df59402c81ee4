"""Which jobs the labels screen's message speaks of: only the last action's, even when
a job prints before its id comes back from the database lane."""

from __future__ import annotations

from datetime import UTC, datetime

from app.store.print_jobs import JobState, PrintJob
from ui.screens.labels_work import ActionJobs

NOW = datetime(2026, 11, 30, 9, 41, tzinfo=UTC)


def job(job_id: int, state: JobState = JobState.DONE) -> PrintJob:
    return PrintJob(
        job_id, "bin", f"bin {job_id}", "A-01-01-1", "ZEBRA1", "zpl", state, 1, NOW, NOW,
        None, None, None, NOW, "", None, {}, 10,
    )  # fmt: skip


def test_the_last_action_s_jobs_are_said_and_older_ones_are_not() -> None:
    actions = ActionJobs()
    first = actions.begin()
    actions.sent()
    assert actions.arrived(first, [1]) == []
    assert actions.changed(job(1))
    second = actions.begin()  # the person scanned again
    assert not actions.changed(job(1))  # the first scan's label no longer speaks
    actions.sent()
    assert actions.arrived(second, [2]) == []
    assert actions.changed(job(2))


def test_a_job_that_printed_before_its_id_came_back_is_said_when_it_arrives() -> None:
    actions = ActionJobs()
    action = actions.begin()
    actions.sent()
    done = job(7)
    assert not actions.changed(job(7, JobState.QUEUED))
    assert not actions.changed(done)
    assert actions.arrived(action, [7]) == [done]  # the latest change of it


def test_ids_of_an_older_action_arrive_unsaid() -> None:
    actions = ActionJobs()
    old = actions.begin()
    actions.sent()
    actions.begin()
    assert actions.arrived(old, [3]) is None
    assert not actions.changed(job(3))
    actions.sent()
    assert not actions.failed(old)
    assert actions.changed(job(4)) is False  # nothing in flight: nothing kept
