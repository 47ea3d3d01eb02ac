"""No network, ever: a full teacher workflow with every way out of the laptop made to fail.

socket.socket (the constructor, for internet families), create_connection,
getaddrinfo and friends are monkeypatched to record the attempt and raise; on
top of that the engine's own guard is installed. The workflow must succeed and
nothing may have tried to connect.
"""
from __future__ import annotations

import dataclasses
import socket

import numpy as np
import pytest

from engine.security.network import network_forbidden


@pytest.fixture
def no_network(monkeypatch):
    attempts: list[str] = []
    real_socket = socket.socket

    class RefusingSocket(real_socket):
        def __init__(self, family=-1, type=-1, proto=-1, fileno=None):
            if fileno is None and family in (socket.AF_INET, socket.AF_INET6, -1):
                attempts.append(f"socket({family}, {type})")
                raise OSError("network refused by the test")
            super().__init__(family, type, proto, fileno)

    def refuse(name):
        def refused(*args, **kwargs):
            attempts.append(f"{name}{args}")
            raise OSError("network refused by the test")
        return refused

    monkeypatch.setattr(socket, "socket", RefusingSocket)
    for name in ("create_connection", "getaddrinfo", "gethostbyname", "gethostbyname_ex", "gethostbyaddr"):
        monkeypatch.setattr(socket, name, refuse(name))
    with network_forbidden() as guard:
        guard.attempts = attempts  # one record for both layers
        yield attempts


def test_full_workflow_never_touches_the_network(no_network, data_dir, tmp_path):
    from engine.model.registry import load_model
    from engine.store import Store
    from engine.store.demo import create_demo_class
    from engine.store.exporters import export_pack, export_responses, export_roster
    from engine.store.importers import import_pack, import_responses, import_roster
    from engine.security import data_rights

    with Store.open(data_dir) as store:                                  # init
        demo = create_demo_class(store, seed=1, students=12, weeks=1)     # demo class (imports the starter pack)
        roster = tmp_path / "roster.csv"
        roster.write_text("name,external_id\nAna Lima,a1\nBao Tran,b2\n", encoding="utf-8")
        class_id = store.create_class("Imported")
        assert import_roster(store, class_id, roster).added == 2          # import a roster
        log = tmp_path / "log.csv"
        log.write_text("student_id,item_id,skill_ids,correct,position\na1,q1,add,1,0\na1,q2,add,0,1\nb2,q1,add,1,0\n", encoding="utf-8")
        assert import_responses(store, log, class_id=class_id).responses == 3
        pack = export_pack(store, tmp_path / "bank.json")                 # export and re-import a pack
        import_pack(store, pack)

        model = load_model(None)                                          # the shipped model
        model.settings = dataclasses.replace(model.settings, outer_steps=3)  # same code paths, test-sized
        history = store.class_log(demo)
        skills = store.exercise_skills()
        items = {item: tuple(skills.get(int(item), ())) for item in dict.fromkeys(history.item_ids)}
        model.calibrate(history, items)                                   # calibrate on the class
        student = history.student_ids[0]
        mine = [i for i, s in enumerate(history.student_ids) if s == student]
        state = model.adapt([history.item_ids[i] for i in mine[:5]], history.correct[mine[:5]])  # adapt
        p = model.predict(state, list(items)[:20])                        # predict
        assert np.all((p > 0) & (p < 1))

        export_roster(store, demo, tmp_path / "roster-out.csv")           # exports
        export_responses(store, demo, tmp_path / "answers.csv")
        data_rights.export_class_pseudonymised(store, demo, tmp_path / "share.csv")
        backup = store.backup_now("manual")                               # backup and restore
        store.restore(backup)
    assert no_network == [], f"something tried to reach the network: {no_network}"


def test_the_fixture_really_blocks(no_network):
    with pytest.raises(OSError):
        socket.create_connection(("192.0.2.1", 80), timeout=1)
    with pytest.raises(OSError):
        socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    assert len(no_network) == 2
