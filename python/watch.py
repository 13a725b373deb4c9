"""Equipment for the deadlock twins (chapters 7 and 10): locks that write down who holds them and
who waits for them, and the cycle read off that record. The lessons use it; they do not teach it.

Python has no deadlock detection of its own, and a `threading.Lock` does not even know which
thread holds it (any thread may release it). So, as in the Rust chapters, the course keeps its
own books: a `Lock` here is a `threading.Lock` with a name that, around the real `acquire`, notes
in a shared `Graph` that this thread waits for it, then that it holds it. The threads really
block in `threading.Lock.acquire`; the notes only let `main` say afterwards who waits for whom.

A cycle of waits (each thread waits for a lock that the next one holds, and the last for one the
first holds) never breaks by itself: that is a deadlock. A thread that waits outside a cycle
(for a lock whose holder is busy, or for a `join`, or a queue) is only stuck, or slow; the
books here see locks only.
"""

import threading


class Graph:
    """Who holds which lock and who waits for which, shared by a set of locks."""

    def __init__(self):
        self._guard = threading.Lock()
        self.holders = {}  # lock name: thread name
        self.waiting = {}  # thread name: lock name

    def waits(self, thread, lock):
        with self._guard:
            self.waiting[thread] = lock

    def takes(self, thread, lock):
        with self._guard:
            del self.waiting[thread]
            self.holders[lock] = thread

    def releases(self, lock):
        with self._guard:
            del self.holders[lock]

    def blocked(self):
        """How many threads wait for a lock now."""
        with self._guard:
            return len(self.waiting)

    def cycle(self):
        """The first cycle of waits as [(thread, lock it holds, lock it waits for)], starting at
        its first thread by name; None when no thread waits in a cycle."""
        with self._guard:
            holders, waiting = dict(self.holders), dict(self.waiting)
        for start in sorted(waiting):
            path, thread = [], start
            while thread not in path:
                path.append(thread)
                thread = holders.get(waiting.get(thread))
                if thread is None:
                    break
            if thread is None:
                continue
            ring = path[path.index(thread) :]
            first = ring.index(min(ring))
            ring = ring[first:] + ring[:first]
            # A thread of the ring holds the lock that the one before it waits for.
            return [(t, waiting[ring[i - 1]], waiting[t]) for i, t in enumerate(ring)]
        return None


class Lock:
    """A `threading.Lock` with a name that writes down in `graph` who holds it and who waits."""

    def __init__(self, graph, name):
        self.graph, self.name, self._lock = graph, name, threading.Lock()

    def acquire(self):
        me = threading.current_thread().name
        self.graph.waits(me, self.name)
        self._lock.acquire()  # the real wait, for ever if need be
        self.graph.takes(me, self.name)

    def release(self):
        self.graph.releases(self.name)
        self._lock.release()

    def __enter__(self):
        self.acquire()
        return self

    def __exit__(self, *exc):
        self.release()
