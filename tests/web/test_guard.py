"""Token buckets and key rings on their own: exact timings, without a server."""

from __future__ import annotations

from pathlib import Path

import pytest

from policybot.errors import PolicybotError
from policybot.web.guard import KeyRing, RateLimiter, client_id


def test_bucket_allows_a_burst_then_refills_at_the_rate() -> None:
    limiter = RateLimiter(per_minute=6)  # one token every 10 s, bursts of 6
    assert [limiter.take("a", now=100.0) for _ in range(6)] == [0.0] * 6
    wait = limiter.take("a", now=100.0)
    assert wait == pytest.approx(10.0)
    assert limiter.take("a", now=105.0) == pytest.approx(5.0)
    assert limiter.take("a", now=110.0) == 0.0
    assert limiter.take("b", now=110.0) == 0.0  # buckets are per client


def test_zero_means_no_limit_and_idle_clients_are_forgotten() -> None:
    assert all(RateLimiter(0).take("a") == 0.0 for _ in range(1000))
    limiter = RateLimiter(per_minute=60, max_clients=3)
    for i in range(3):
        limiter.take(f"c{i}", now=0.0)
    limiter.take("late", now=1000.0)
    assert set(limiter._buckets) == {"late"}


def test_key_ring(tmp_path: Path) -> None:
    ring = KeyRing(["alpha", ""], None)
    assert ring.enabled() and ring.check("alpha")
    assert not ring.check("alph") and not ring.check("alpha ") and not ring.check("")
    assert not KeyRing([], None).enabled()
    keys = tmp_path / "keys"
    keys.write_text("beta  # staging portal\n\n# gamma\n", encoding="utf-8")
    from_file = KeyRing([], keys)
    assert from_file.keys() == ["beta"] and from_file.check("beta")
    assert not from_file.check("gamma")
    with pytest.raises(PolicybotError, match="does not exist"):
        KeyRing([], tmp_path / "missing")


def test_client_ids_do_not_hold_the_key() -> None:
    assert "secret-key" not in client_id("secret-key")
    assert client_id("a") != client_id("b")
