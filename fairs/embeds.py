"""A livestream's player, built from its URL alone (no network call at render time).

Only three known hosts are embedded, each from the parts of the URL that match a
strict pattern (a YouTube video id, a Facebook page name and numeric video id, a
TikTok user and numeric video id); the player's address is then composed from
those parts, never copied from the URL. Anything else (another host, a
``javascript:`` URL, a TikTok live page, a malformed id) is not embedded: the page
shows a plain link, and only to an http(s) address. ``ocop.csp`` allows exactly
these players' origins in ``frame-src``.
"""

import re
from dataclasses import dataclass
from urllib.parse import parse_qs, urlencode, urlsplit

YOUTUBE_PLAYER = "https://www.youtube-nocookie.com/embed/"
FACEBOOK_PLAYER = "https://www.facebook.com/plugins/video.php?"
TIKTOK_PLAYER = "https://www.tiktok.com/embed/v2/"

YOUTUBE_ID = re.compile(r"[A-Za-z0-9_-]{11}")
DIGITS = re.compile(r"[0-9]{1,25}")
FACEBOOK_NAME = re.compile(r"[A-Za-z0-9.\-_]{1,80}")
TIKTOK_USER = re.compile(r"@[A-Za-z0-9._]{1,40}")

YOUTUBE_HOSTS = {"youtube.com", "www.youtube.com", "m.youtube.com", "youtube-nocookie.com"}
YOUTUBE_HOSTS |= {"www.youtube-nocookie.com"}
FACEBOOK_HOSTS = {"facebook.com", "www.facebook.com", "m.facebook.com", "web.facebook.com"}
TIKTOK_HOSTS = {"tiktok.com", "www.tiktok.com", "m.tiktok.com"}


@dataclass(frozen=True)
class Embed:
    platform: str  # "youtube", "facebook" or "tiktok"
    src: str  # the player's address


def _parts(url):
    try:
        parts = urlsplit(str(url or "").strip())
    except ValueError:
        return None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return None
    return parts


def safe_link(url):
    """The URL when it is an http(s) address (to show as a link), else ""."""
    return str(url).strip() if _parts(url) is not None else ""


def _segments(parts):
    return [segment for segment in parts.path.split("/") if segment]


def _youtube(parts):
    host, segments = parts.hostname, _segments(parts)
    candidate = None
    if host == "youtu.be" and len(segments) == 1:
        candidate = segments[0]
    elif host in YOUTUBE_HOSTS:
        if segments == ["watch"]:
            candidate = (parse_qs(parts.query).get("v") or [""])[0]
        elif len(segments) == 2 and segments[0] in ("live", "embed", "shorts"):
            candidate = segments[1]
    if candidate and YOUTUBE_ID.fullmatch(candidate):
        return Embed("youtube", YOUTUBE_PLAYER + candidate)
    return None


def _facebook(parts):
    if parts.hostname not in FACEBOOK_HOSTS:
        return None
    segments = _segments(parts)
    href = None
    if (
        len(segments) == 3
        and segments[1] == "videos"
        and FACEBOOK_NAME.fullmatch(segments[0])
        and DIGITS.fullmatch(segments[2])
    ):
        href = f"https://www.facebook.com/{segments[0]}/videos/{segments[2]}/"
    elif segments == ["watch"]:
        video = (parse_qs(parts.query).get("v") or [""])[0]
        if DIGITS.fullmatch(video):
            href = f"https://www.facebook.com/watch/?v={video}"
    if href is None:
        return None
    return Embed("facebook", FACEBOOK_PLAYER + urlencode({"href": href, "show_text": "false"}))


def _tiktok(parts):
    segments = _segments(parts)
    if (
        parts.hostname in TIKTOK_HOSTS
        and len(segments) == 3
        and TIKTOK_USER.fullmatch(segments[0])
        and segments[1] == "video"
        and DIGITS.fullmatch(segments[2])
    ):
        return Embed("tiktok", TIKTOK_PLAYER + segments[2])
    return None


def embed_for(url):
    """The player for ``url``, or None when it is to be shown as a plain link."""
    parts = _parts(url)
    if parts is None:
        return None
    for build in (_youtube, _facebook, _tiktok):
        embed = build(parts)
        if embed is not None:
            return embed
    return None
