"""Limits on confirmation emails, so the subscribe form cannot be used to flood someone's inbox.

Counted by `upheld.limits` in the site's one cache, shared by every worker: per
address (the few confirmations a person could want in a day) and per client IP
address (generous, since one office or household may share an address). The
cache holds a hash of the email address, never the address.
"""

from __future__ import annotations

from upheld.limits import count

PER_ADDRESS = (3, 24 * 3600)  # confirmations to one address, per window in seconds
PER_IP = (20, 3600)  # confirmations requested from one client address


def _over(limit: str, who: str, allowed_in: tuple[int, int]) -> bool:
    allowed, window = allowed_in
    return count(limit, who, window).number > allowed


def allow(email: str, ip: str | None) -> bool:
    """Count one confirmation email for `email` asked from `ip`; False once either is over its limit."""
    over_ip = _over("subscribe-ip", ip or "unknown", PER_IP)
    over_address = _over("subscribe-email", email.casefold(), PER_ADDRESS)
    return not (over_ip or over_address)
