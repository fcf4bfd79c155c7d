"""After the database drops a connection (a restart, a failover, ``pg_terminate_backend``): start afresh.

Django keeps a connection whose server end is gone until the next request begins, so a long-running process
(the task worker) or code that goes on after an error (what follows a commit) would use it again and get
``InterfaceError: connection already closed``. ``connections_reset()`` closes every connection that no longer
answers; the next query opens a new one.
"""

from __future__ import annotations

from django.db import connections


def connections_reset() -> None:
    for connection in connections.all(initialized_only=True):
        if connection.connection is not None and not connection.is_usable():
            connection.close()
