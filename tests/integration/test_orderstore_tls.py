"""``scanpack-store --tls-cert/--tls-key`` serves HTTPS; the station's client trusts it
only through the CA bundle it is given, and only for the name it connects to.

Certificates are made by trustme: a private CA for the site, and one that is not.
"""

from __future__ import annotations

import os
import signal
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import requests
import trustme

from app.orderstore.auth import TokenRole, create_token
from app.orderstore.db import make_engine, upgrade
from app.orderstore.seed import seed
from app.sync.client import OrderStoreClient, Unreachable
from tests.integration.conftest import ANCHOR
from tests.integration.test_orderstore_cli import free_port, store_cmd


class Site:
    """A seeded store database, a station token, the site's CA and a stranger's CA."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.url = f"sqlite:///{folder / 'store.sqlite3'}"
        engine = make_engine(self.url)
        upgrade(engine)
        seed(engine, 3, anchor=ANCHOR)
        self.token = create_token(engine, "station-1", frozenset({TokenRole.STATION}))
        engine.dispose()
        self.ca = trustme.CA()
        self.ca_pem = self._write("ca.pem", self.ca.cert_pem.bytes())
        self.stranger_pem = self._write("stranger.pem", trustme.CA().cert_pem.bytes())

    def _write(self, name: str, data: bytes) -> str:
        path = self.folder / name
        path.write_bytes(data)
        return str(path)

    def cert(self, *names: str) -> tuple[str, str]:
        """A certificate of the site's CA for ``names``: (chain PEM, key PEM)."""
        issued = self.ca.issue_cert(*names)
        tag = "-".join(names)
        chain = self._write(f"{tag}.chain.pem", b"".join(b.bytes() for b in issued.cert_chain_pems))
        key = self._write(f"{tag}.key.pem", issued.private_key_pem.bytes())
        return chain, key

    @contextmanager
    def serve(self, *tls: str) -> Iterator[str]:
        """``scanpack-store`` with ``tls`` options; yields its https:// base URL."""
        port = free_port()
        server = subprocess.Popen(
            store_cmd("--db", self.url, "--port", str(port), *tls),
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            env=os.environ | {"PYTHONUNBUFFERED": "1"},
        )
        base = f"https://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + 60
            while True:
                try:
                    requests.get(f"{base}/api/v1/health", timeout=2, verify=self.ca_pem)
                    break
                except requests.exceptions.SSLError:  # (a ConnectionError: first)
                    break  # it is up; the certificate is the test's business
                except requests.ConnectionError:
                    pass
                assert server.poll() is None, server.stdout.read() if server.stdout else ""
                assert time.monotonic() < deadline, "scanpack-store did not come up"
                time.sleep(0.1)
            yield base
        finally:
            server.send_signal(signal.SIGINT)
            try:
                server.wait(20)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait(5)
            if server.stdout:
                server.stdout.close()


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    return Site(tmp_path_factory.mktemp("tls"))


@pytest.fixture(scope="module")
def store_url(site: Site) -> Iterator[str]:
    chain, key = site.cert("127.0.0.1", "localhost")
    with site.serve("--tls-cert", chain, "--tls-key", key) as base:
        yield base


def test_the_station_trusts_the_store_through_the_sites_ca_bundle(
    site: Site, store_url: str
) -> None:
    client = OrderStoreClient(store_url, site.token, timeout_s=10, ca_bundle=site.ca_pem)
    try:
        assert client.health()["status"] == "ok"
        page = client.changes(0, 10)
        assert page["more"] is True
        assert len(page["products"]) + len(page["locations"]) == 10
    finally:
        client.close()


def test_without_the_sites_ca_the_station_refuses_the_certificate(
    site: Site, store_url: str
) -> None:
    for bundle in (None, site.stranger_pem):
        client = OrderStoreClient(store_url, site.token, timeout_s=10, ca_bundle=bundle)
        try:
            with pytest.raises(Unreachable, match="TLS certificate was not accepted"):
                client.changes(0, 10)
        finally:
            client.close()


def test_a_certificate_for_another_name_is_refused(site: Site) -> None:
    chain, key = site.cert("orders.example")
    with site.serve("--tls-cert", chain, "--tls-key", key) as base:
        client = OrderStoreClient(base, site.token, timeout_s=10, ca_bundle=site.ca_pem)
        try:
            with pytest.raises(Unreachable, match="TLS certificate was not accepted"):
                client.health()
        finally:
            client.close()


def test_one_pem_with_key_and_chain_is_enough(site: Site) -> None:
    issued = site.ca.issue_cert("127.0.0.1")
    both = site.folder / "both.pem"
    issued.private_key_and_cert_chain_pem.write_to_path(str(both))
    with site.serve("--tls-cert", str(both)) as base:
        client = OrderStoreClient(base, site.token, timeout_s=10, ca_bundle=site.ca_pem)
        try:
            assert client.changes(0, 1)["next"] >= 1
        finally:
            client.close()


def test_plain_http_to_the_tls_port_gets_no_answer(site: Site, store_url: str) -> None:
    plain = store_url.replace("https://", "http://")
    client = OrderStoreClient(plain, site.token, timeout_s=5)
    try:
        with pytest.raises(Unreachable):
            client.changes(0, 10)
    finally:
        client.close()


def test_the_https_answers_name_no_server_software(site: Site, store_url: str) -> None:
    answer = requests.get(f"{store_url}/api/v1/health", verify=site.ca_pem, timeout=10)
    assert answer.ok
    assert "server" not in {name.lower() for name in answer.headers}
    hidden = requests.get(f"{store_url}/docs", verify=site.ca_pem, timeout=10)
    assert hidden.status_code == 401
