"""The password hasher the site ships: Argon2id with parameters of our own.

Django's ``Argon2PasswordHasher`` defaults (100 MiB, 2 passes, 8 lanes) spend a third of
a second of CPU per login here; these spend far less for the same resistance to offline
guessing (docs/decisions/0008-argon2-password-hashing.md). The parameters are stored in
each hash: changing them here makes Django redo a hash at that user's next login.
"""

from django.contrib.auth.hashers import Argon2PasswordHasher


class Argon2idHasher(Argon2PasswordHasher):
    # Same algorithm name as Django's, so hashes stay "argon2$argon2id$..." and either
    # hasher reads them.
    time_cost = 3  # passes over the memory
    memory_cost = 19 * 1024  # KiB: 19 MiB per login being checked
    parallelism = 1  # one lane: a web thread checks one password; no extra threads
