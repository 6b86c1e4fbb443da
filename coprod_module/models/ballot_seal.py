"""Sealed papers: a secret ballot's choices are encrypted while it is open.

Threat: someone who reads the database (a DBA, a reporting replica, a support
engineer, a stolen dump) but not the server's files. A vote writes the voter's
register row and a paper in one transaction, so PostgreSQL's ``xmin`` (and, before
vacuum, dead row versions) link a person to their paper. So the paper's choice is
written encrypted, with a key that is not in the database:

- each secret ballot gets its own random 256-bit key when it opens, in a file in the
  database's filestore (which every Odoo node of a multi-node site shares);
- each choice is padded to the same length for the whole ballot and encrypted with
  AES-GCM and a random nonce (the ballot's id is bound in as associated data), so two
  papers with the same choice look different, and a paper's length says nothing;
- at closing, the papers are decrypted, shuffled and written again in clear with no
  link to anyone, the register is written again in a random order, and, once that
  is committed, the key file is destroyed. The encrypted dead rows can then be read
  by nobody, even with the server's files.

A lost key is never a silent loss: votes are refused while it is missing, and the
ballot cannot be counted (its facilitator is told to cancel it and vote again).
"""

import base64
import logging
import os
import re
import secrets
import time

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from odoo.tools import config

_logger = logging.getLogger(__name__)

KEY_FOLDER = "coprod_ballot_keys"
_NONCE = 12
_KEY_NAME = re.compile(r"^(\d+)-([0-9a-f]{32})\.key$")
# A key file younger than this is never collected: its ballot may be opening in a
# transaction that has not committed yet.
_GRACE_SECONDS = 3600


class SealError(Exception):
    """A sealed paper cannot be written or read (the key is missing or wrong)."""


def _folder(dbname):
    return os.path.join(config.filestore(dbname), KEY_FOLDER)


def _path(dbname, ballot_id, ref):
    if not ref or not re.fullmatch(r"[0-9a-f]{32}", ref):
        raise SealError("no key reference")
    return os.path.join(_folder(dbname), f"{int(ballot_id)}-{ref}.key")


def new_key(dbname, ballot_id):
    """Make and store a new key for ``ballot_id``; return its reference (the file's
    name part, which is no secret: without the file it opens nothing)."""
    folder = _folder(dbname)
    os.makedirs(folder, mode=0o700, exist_ok=True)
    ref = secrets.token_hex(16)
    fd = os.open(_path(dbname, ballot_id, ref), os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(AESGCM.generate_key(bit_length=256))
        handle.flush()
        os.fsync(handle.fileno())
    return ref


def has_key(dbname, ballot_id, ref):
    try:
        return os.path.isfile(_path(dbname, ballot_id, ref))
    except SealError:
        return False


def _key(dbname, ballot_id, ref):
    try:
        with open(_path(dbname, ballot_id, ref), "rb") as handle:
            key = handle.read()
    except (OSError, SealError) as error:
        raise SealError(str(error)) from None
    if len(key) != 32:
        raise SealError("the key file is damaged")
    return AESGCM(key)


def seal(dbname, ballot_id, ref, choice, width):
    """The paper for ``choice`` (a text such as ``"12,9,14"``), padded to ``width``
    characters and encrypted: a text of the same length for every paper of the
    ballot."""
    if len(choice) > width:
        raise SealError("the choice is longer than the ballot's papers")
    nonce = os.urandom(_NONCE)
    data = choice.ljust(width).encode()
    sealed = _key(dbname, ballot_id, ref).encrypt(nonce, data, str(ballot_id).encode())
    return base64.b64encode(nonce + sealed).decode()


def opener(dbname, ballot_id, ref):
    """A function that reads the ballot's papers (``SealError`` for a paper that
    was not sealed with this ballot's key)."""
    aead = _key(dbname, ballot_id, ref)
    bound = str(ballot_id).encode()

    def open_paper(paper):
        try:
            raw = base64.b64decode(paper)
            return aead.decrypt(raw[:_NONCE], raw[_NONCE:], bound).decode().strip()
        except (InvalidTag, ValueError) as error:
            raise SealError("a paper was not sealed with this ballot's key") from error
    return open_paper


def destroy(dbname, ballot_id, ref):
    """Overwrite and remove the key file (nothing if it is gone already)."""
    try:
        path = _path(dbname, ballot_id, ref)
    except SealError:
        return
    if not os.path.exists(path):
        return
    try:
        with open(path, "r+b") as handle:
            handle.write(os.urandom(32))
            handle.flush()
            os.fsync(handle.fileno())
        os.unlink(path)
    except OSError:
        _logger.exception("coprod: the key of ballot %s could not be destroyed", ballot_id)


def stored_keys(dbname):
    """The key files there are, as (ballot id, reference, age in seconds)."""
    folder = _folder(dbname)
    try:
        names = os.listdir(folder)
    except FileNotFoundError:
        return []
    now = time.time()
    found = []
    for name in names:
        match = _KEY_NAME.match(name)
        if not match:
            continue
        try:
            age = now - os.path.getmtime(os.path.join(folder, name))
        except OSError:
            continue
        found.append((int(match.group(1)), match.group(2), age))
    return found


def collectable(dbname, live):
    """Of the stored keys, those no open ballot uses (``live``: a set of (ballot id,
    reference)) and older than the grace period."""
    return [(ballot_id, ref) for ballot_id, ref, age in stored_keys(dbname)
            if (ballot_id, ref) not in live and age > _GRACE_SECONDS]
