"""Limits on confirmation emails, so the subscribe form cannot be used to flood someone's inbox.

Counted in the cache in fixed windows: per address (the few confirmations a
person could want in a day) and per client IP address (generous, since one
office or household may share an address). The cache holds a hash of the
email address, never the address. With the default per-process memory cache
each server process counts on its own; a shared cache (Redis, Memcached)
makes the limits site-wide.
"""

from __future__ import annotations

import hashlib

from django.core.cache import cache

PER_ADDRESS = (3, 24 * 3600)  # confirmations to one address, per window in seconds
PER_IP = (20, 3600)  # confirmations requested from one client address


def _key(kind: str, value: str) -> str:
    return f"alerts:subscribe:{kind}:{hashlib.sha256(value.encode()).hexdigest()}"


def _over(key: str, limit: tuple[int, int]) -> bool:
    allowed, window = limit
    cache.add(key, 0, window)  # starts the window; a no-op while it runs
    try:
        count = cache.incr(key)
    except ValueError:  # expired between the two calls: a new window
        cache.set(key, 1, window)
        count = 1
    return count > allowed


def allow(email: str, ip: str | None) -> bool:
    """Count one confirmation email for `email` asked from `ip`; False once either is over its limit."""
    over_ip = _over(_key("ip", ip or "unknown"), PER_IP)
    over_address = _over(_key("email", email.casefold()), PER_ADDRESS)
    return not (over_ip or over_address)
