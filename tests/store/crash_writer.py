"""Helper process for the crash test (run as a script, not collected by pytest).

It imports the store once, then forks a fresh writer for every ``go START`` line on stdin, so
each of the hundreds of kills costs a fork instead of a Python start-up. A writer opens the
database and loops over changes, printing one line per change *after* it was committed:

    a N        answer k<N> = N committed
    c N        answer "counter" = N committed
    i N        repeat instance i<N> added to "r"
    r N        repeat instance i<N> about to be removed
    x N        repeat instance i<N> removed

``wait PID`` reaps a killed writer and prints ``dead PID``, after every line it wrote.
"""

from __future__ import annotations

import os
import sys


def say(line: str) -> None:
    # One write() per line: a pipe write this small is atomic, so a kill never tears a line.
    os.write(1, (line + "\n").encode())


def write_forever(db_path: str, uuid: str, start: int) -> None:
    from gcm_collect.store import Store

    store = Store.open(db_path, busy_timeout=5.0)
    added: list[int] = []
    for n in range(start, start + 100_000):
        store.set_answer(uuid, f"k{n}", n, who="crash")
        say(f"a {n}")
        store.set_answer(uuid, "counter", n, who="crash")
        say(f"c {n}")
        if n % 3 == 0:
            store.add_instance(uuid, "r", who="crash", instance_uuid=f"i{n}", position=0)
            store.set_answer(uuid, f"r[i{n}]/v", "x" * (n % 700), who="crash")
            say(f"i {n}")
            added.append(n)
        if n % 7 == 0 and len(added) > 2:
            gone = added.pop(0)
            say(f"r {gone}")
            store.remove_instance(uuid, "r", f"i{gone}", who="crash")
            say(f"x {gone}")


def main() -> None:
    db_path, uuid = sys.argv[1], sys.argv[2]
    import gcm_collect.store  # noqa: F401  (imported once, before any fork)

    say("ready")
    for line in sys.stdin:
        command, argument = line.split()
        if command == "go":
            pid = os.fork()
            if pid == 0:
                try:
                    write_forever(db_path, uuid, int(argument))
                finally:
                    os._exit(0)
            say(f"child {pid}")
        elif command == "wait":
            os.waitpid(int(argument), 0)
            say(f"dead {argument}")


if __name__ == "__main__":
    main()
