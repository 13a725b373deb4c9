"""The course's extras for the Python twins: `--clock`, `--speed`, the lesson clock, a paced sleep.

Each twin tells its chapter's story in plain CPython (3.9 or newer, standard library only) and
logs the same lines as the Rust chapter, in the Python originals' format:

    23:22:58: Main    : create and start thread 0.

This module hides only what the course adds to the Python: the flags every chapter takes, the
lesson clock the runner checks with, and a sleep that `--speed` shortens. The lesson itself, and
its `logging.basicConfig(...)` call, stay in the twin, where a student can hold them beside the
original. A twin uses it in four steps:

    import logging
    import sys

    import course

    def main():
        lesson = course.start(
            course.Flag("work", "DURATION", "how long each thread works", course.duration, 2.0)
        )
        logging.basicConfig(format="%(asctime)s: %(message)s", level=logging.INFO,
                            datefmt="%H:%M:%S", stream=sys.stdout)
        logging.info("Thread %d: starting", 0)
        course.sleep(lesson.work)   # the original's time.sleep(2), shortened by --speed

1. `course.start(...)` first: it parses `--clock wall|lesson` and `--speed FACTOR` (and the
   twin's own flags, declared with `Flag`), starts the lesson clock and returns the values of the
   twin's own flags as attributes (`lesson.work`). A bad flag ends the twin with one line on
   stderr and exit code 2, the same way the Rust chapters answer; `--help` lists the flags.
2. `logging.basicConfig(...)` as in the original, with `stream=sys.stdout`: Python's logging
   writes to stderr by default, the chapters write their log to stdout, and the runner reads it
   there (stderr is kept for errors and tracebacks).
3. `course.sleep(seconds)` wherever the original sleeps for the lesson (not for `time.sleep(0)`,
   which is a hand-off of the GIL, not a pause), and `course.scaled(seconds)` for a timeout
   (`thread.join(course.scaled(2))`): both shrink with `--speed`.
4. `course.elapsed()` for a lesson time the twin computes itself (how long a pool took).

`cargo xtask run --python` checks a twin's claims of order (the chapter's `expected.order`)
under the same schedule noise as the chapter's: `course.sleep` reads `COURSE_NOISE` as
`common::noise` does, and holds one thread back at its first sleep.

The clocks. `--clock wall` (the default) is the time of day, exactly what the originals print.
`--clock lesson` is the time since `start`, times the speed, `00:00:00` first, whole seconds
rounded down: what `cargo xtask` passes, so that the expected logs hold run after run. It works
by giving `logging.Formatter` a converter that reads the lesson clock; the formatter calls it
while the handler's lock is held, so lines come out in the order of their times, as the Rust
chapters' lines do.
"""

import logging
import os
import random
import re
import signal
import sys
import threading
import time

# The slowest and fastest pace, as in the Rust chapters: beyond these the clock stops making sense.
SPEEDS = (0.01, 100.0)

_speed = 1.0
_start = time.monotonic()


class Flag:
    """A flag of the twin's own, `--name VALUE`, beyond `--clock` and `--speed`.

    `parse` turns the text into the value (`int`, `float`, `course.duration`); `default` is the
    value when the flag is not given. The value is the attribute `name` (dashes become
    underscores) of what `start` returns.
    """

    def __init__(self, name, value, help, parse, default):
        self.name = name
        self.value = value
        self.help = help
        self.parse = parse
        self.default = default


class Lesson:
    """The values of a twin's own flags, as attributes."""


def start(*flags, argv=None):
    """Parse the command line, start the lesson clock and return the twin's own flag values.

    A bad flag prints one line on stderr and exits with code 2; `--help` prints the flags.
    """
    global _speed, _start
    program = os.path.basename(sys.argv[0]) or "twin"
    try:
        speed, clock, values = _parse(flags, sys.argv[1:] if argv is None else argv)
    except _Help:
        sys.stdout.write(_usage(program, flags))
        sys.exit(0)
    except ValueError as e:
        usage_error(f"{program}: {e}; run `python3 {sys.argv[0]} --help` to see the flags")
    lesson = Lesson()
    for flag in flags:
        setattr(lesson, flag.name.replace("-", "_"), values.get(flag.name, flag.default))
    _speed, _start = speed, time.monotonic()
    if hasattr(signal, "SIGPIPE"):
        # A reader that stops early (`| head`) ends the twin quietly, as it ends any Unix tool,
        # instead of a "Logging error" for every line after.
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    if clock == "lesson":
        # basicConfig's formatter calls its converter with the record's creation time; the
        # lesson clock reads its own monotonic clock instead, at the moment the line is written.
        logging.Formatter.converter = staticmethod(lambda _created: time.gmtime(elapsed()))
    return lesson


def usage_error(message):
    """One line on stderr, and exit code 2: "you called me wrong"."""
    print(f"error: {message}", file=sys.stderr)
    sys.exit(2)


def sleep(seconds):
    """Sleep for `seconds` of lesson time: the original's `time.sleep`, shortened by `--speed`.

    Under the runner's schedule noise it sleeps a little longer, never shorter (see `_noise`).
    """
    time.sleep(scaled(seconds + _noise()))


# Schedule noise, as the Rust chapters' `common::noise`: off unless the runner sets
# COURSE_NOISE=SEED/K (or SEED/K/MS). Run K holds back the Kth thread made (the main thread is
# the 1st, then each `threading.Thread` in the order it was made) at its first sleep, by MS
# lesson milliseconds (250 unless given) up to twice that, and every sleep gets a jitter under
# 30 ms. A twin that waits for a thread keeps its claims of order; one that sleeps as long as
# the thread does is caught in the run that holds that thread back.
_NOISE = os.environ.get("COURSE_NOISE", "")
_made = [1]
_made_lock = threading.Lock()
_sleeps = threading.local()


def _number(thread):
    """The order in which `thread` was made: the main thread 1, the others from 2 on."""
    if thread is threading.main_thread():
        return 1
    number = getattr(thread, "_course_number", None)
    if number is None:
        with _made_lock:
            _made[0] += 1
            number = thread._course_number = _made[0]
    return number


def _numbered_init(init):
    def numbered(self, *args, **kwargs):
        init(self, *args, **kwargs)
        _number(self)

    return numbered


if _NOISE:
    # Number the threads as they are made, not as they first sleep (which a schedule decides).
    threading.Thread.__init__ = _numbered_init(threading.Thread.__init__)


def _noise():
    """How much longer this sleep lasts under the noise, in lesson seconds; 0 without it."""
    if not _NOISE:
        return 0.0
    try:
        parts = [int(p) for p in _NOISE.split("/")]
        seed, held = parts[0], parts[1]
        hold = (parts[2] if len(parts) > 2 else 250) / 1000
    except (ValueError, IndexError):
        return 0.0
    n = _number(threading.current_thread())
    count = getattr(_sleeps, "count", 0) + 1
    _sleeps.count = count
    extra = random.Random(f"{seed}/{held}/{n}/{count}").random() * 0.030
    if n == held and count == 1:
        extra += hold + random.Random(f"{seed}/{held}").random() * hold
    return extra


def scaled(seconds):
    """The real seconds of `seconds` of lesson time: what a timeout should wait for."""
    return seconds / _speed


def elapsed():
    """Lesson seconds since `start`."""
    return (time.monotonic() - _start) * _speed


def speed():
    """The `--speed` factor."""
    return _speed


def parse_speed(text):
    """A `--speed` value, from 0.01 to 100; ValueError with the reason otherwise."""
    try:
        value = float(text)
    except ValueError:
        value = None
    if value is None or not SPEEDS[0] <= value <= SPEEDS[1]:
        raise ValueError(
            f"--speed takes a number from {SPEEDS[0]:g} to {SPEEDS[1]:g}, like 2 or 0.5, not `{text}`"
        )
    return value


def positive_seconds(text):
    """A number of seconds above 0, like 1e-6."""
    value = float(text)
    if not value > 0:
        raise ValueError(f"takes a number of seconds above 0, like 1e-6, not `{text}`")
    return value


def switch_interval_flag():
    """`--switch-interval SECONDS`, for the bank twins: the twin passes its value, when given,
    to `sys.setswitchinterval` itself, where a student sees it."""
    return Flag(
        "switch-interval",
        "SECONDS",
        "call sys.setswitchinterval(SECONDS) first, like 1e-6 (default: Python's 5 ms)",
        positive_seconds,
        None,
    )


_UNITS = {"ns": 1e-9, "us": 1e-6, "ms": 1e-3, "s": 1.0, "m": 60.0, "min": 60.0, "h": 3600.0}


def duration(text):
    """A duration as a person types it, `2s`, `500ms`, `1m 30s`, in seconds."""
    if not re.fullmatch(r"\s*(\d+\s*(ns|us|ms|s|min|m|h)\s*)+", text):
        raise ValueError(f"takes a duration like 2s or 500ms, not `{text}`")
    return sum(int(n) * _UNITS[u] for n, u in re.findall(r"(\d+)\s*(ns|us|ms|s|min|m|h)", text))


class _Help(Exception):
    pass


def _parse(flags, args):
    """(speed, clock, {flag name: value}) from the arguments; ValueError says what is wrong."""
    speed, clock, values = 1.0, "wall", {}
    own = {flag.name: flag for flag in flags}
    args = list(args)
    while args:
        arg = args.pop(0)
        if arg in ("-h", "--help"):
            raise _Help()
        if not arg.startswith("--") or arg == "--":
            raise ValueError(f"unexpected argument `{arg}`")
        name, eq, text = arg[2:].partition("=")
        if name not in ("speed", "clock") and name not in own:
            raise ValueError(f"unknown flag `--{name}`")
        if not eq:
            if not args:
                raise ValueError(f"--{name} needs a value")
            text = args.pop(0)
        if name == "speed":
            speed = parse_speed(text)
        elif name == "clock":
            if text not in ("wall", "lesson"):
                raise ValueError(f"--clock takes `wall` or `lesson`, not `{text}`")
            clock = text
        else:
            try:
                values[name] = own[name].parse(text)
            except ValueError as e:
                reason = str(e) if str(e).startswith("takes") else f"does not take `{text}`"
                raise ValueError(f"--{name} {reason}") from None
    return speed, clock, values


def _usage(program, flags):
    own = "".join(f" [--{f.name} {f.value}]" for f in flags)
    rows = [
        (
            "--speed FACTOR",
            "run the lesson FACTOR times faster (sleeps, timeouts and the lesson clock)",
        ),
        (
            "--clock wall|lesson",
            "wall: time of day, as Python shows it (default); lesson: time since start",
        ),
    ] + [(f"--{f.name} {f.value}", f.help) for f in flags]
    width = max([20] + [len(flag) + 1 for flag, _ in rows])
    lines = [f"usage: python3 {program} [--speed FACTOR] [--clock wall|lesson]{own}", ""]
    lines += [f"  {flag:<{width}} {help}" for flag, help in rows]
    return "\n".join(lines) + "\n"
