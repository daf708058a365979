"""Run by the system's Python (with pyatspi): what a screen reader sees of the app, as JSON.
Nodes of the one application named ``argv[1]``: role, name, description, states, the names of
the labels it is labelled by, and its parent's role and name. A combo box's items are left out.
Then the announcements heard for a few seconds, in ``*-announced.json``."""

import json
import sys

import pyatspi
from gi.repository import GLib


def main(app_name: str, out: str) -> int:
    desktop = pyatspi.Registry.getDesktop(0)
    apps = [desktop.getChildAtIndex(i) for i in range(desktop.childCount)]
    apps = [a for a in apps if a is not None and a.name == app_name]
    if not apps:
        print("no application named", app_name, file=sys.stderr)
        return 2
    nodes = []

    def walk(node, parent, depth):
        if depth > 60:
            return
        role = node.getRoleName()
        labelled_by = []
        for relation in node.getRelationSet():
            if relation.getRelationType() == pyatspi.RELATION_LABELLED_BY:
                labelled_by += [relation.getTarget(i).name for i in range(relation.getNTargets())]
        nodes.append(
            {
                "role": role,
                "name": node.name,
                "description": node.description,
                "states": [pyatspi.stateToString(s) for s in node.getState().getStates()],
                "labelled_by": labelled_by,
                "parent": [parent.getRoleName(), parent.name] if parent is not None else None,
            }
        )
        if role == "combo box":
            return
        for i in range(node.childCount):
            child = node.getChildAtIndex(i)
            if child is not None:
                walk(child, node, depth + 1)

    walk(apps[0], None, 0)
    with open(out, "w", encoding="utf-8") as handle:
        json.dump(nodes, handle, ensure_ascii=False)
    with open(out.replace(".json", "-announced.json"), "w", encoding="utf-8") as handle:
        json.dump(announcements(), handle, ensure_ascii=False)
    return 0


def announcements(seconds: int = 3) -> list:
    """What the app announces meanwhile (it repeats its status-line message)."""
    heard = []

    def hear(event):
        # What every Orca speaks: an object of the role "notification" appearing (its
        # onShowingChanged); Qt's own announcements (object:announcement) only Orca 47 on.
        source = event.source
        if event.detail1 and source.getRoleName() == "notification":
            heard.append(source.name)
        if len(heard) >= 2:
            pyatspi.Registry.stop()

    pyatspi.Registry.registerEventListener(hear, "object:state-changed:showing")
    GLib.timeout_add_seconds(seconds, pyatspi.Registry.stop)
    pyatspi.Registry.start()
    return heard


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
