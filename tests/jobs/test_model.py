"""The operator table follows the queue row by row: inserts for new jobs, dataChanged for one row, no resets."""

from __future__ import annotations

from typing import Any

from jobs_helpers import QueueHarness, wait_until
from PySide6.QtCore import Qt
from PySide6.QtTest import QAbstractItemModelTester

from booth.jobs.event import EventFolder
from booth.jobs.model import COLUMNS, JOB_ID_ROLE, JobTableModel, format_age


def test_rows_follow_the_queue_without_resets(engine: Any, event: EventFolder, arun: Any) -> None:
    engine.configure(latency_s=0.2)
    seen: dict[str, Any] = {"inserted": [], "changed_rows": set(), "resets": 0}

    async def scenario() -> None:
        async with QueueHarness(event, engine.url, max_in_flight=1) as h:
            model = JobTableModel(h.queue, age_refresh_ms=50)
            QAbstractItemModelTester(model, QAbstractItemModelTester.FailureReportingMode.Fatal)
            model.rowsInserted.connect(lambda _p, first, last: seen["inserted"].append((first, last)))
            model.modelReset.connect(lambda: seen.__setitem__("resets", seen["resets"] + 1))

            def changed(top: Any, bottom: Any) -> None:
                if top.column() == 0:  # whole-row changes, not the age ticks
                    assert top.row() == bottom.row() and bottom.column() == len(COLUMNS) - 1
                    seen["changed_rows"].add(top.row())

            model.dataChanged.connect(changed)
            ids = h.enqueue(3)
            await h.all_final(ids)
            assert model.rowCount() == 3 and model.columnCount() == 6
            headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(6)]
            assert headers == ["Ticket", "Service", "State", "Attempts", "Age", "Error"]
            rows = [[model.data(model.index(r, c)) for c in range(6)] for r in range(3)]
            assert [r[0] for r in rows] == ["A01", "A02", "A03"]
            assert all(r[1] == "filter" and r[2] == "Completed" and r[3] == 1 and r[5] == "" for r in rows)
            assert [model.data(model.index(r, 0), JOB_ID_ROLE) for r in range(3)] == ids
            h.queue.cancel(h.enqueue(1, first_seed=7)[0])
            await h.all_final([ids[0]])
            await wait_until(lambda: model.data(model.index(3, 2)) == "Cancelled")
            assert model.data(model.index(3, 5)) == "cancelled by the operator"

    arun(scenario())
    assert len(seen["inserted"]) == 4 and all(first == last for first, last in seen["inserted"])  # one row each
    assert seen["changed_rows"] == {0, 1, 2}  # the fourth was cancelled before it was added: inserted as such
    assert seen["resets"] == 0


def test_a_model_opened_later_shows_the_jobs_already_there(engine: Any, event: EventFolder, arun: Any) -> None:
    async def scenario() -> None:
        async with QueueHarness(event, engine.url) as h:
            await h.all_final(h.enqueue(2))
        async with QueueHarness(event, engine.url) as h:
            model = JobTableModel(h.queue)
            assert model.rowCount() == 2
            assert model.data(model.index(1, 0)) == "A02"

    arun(scenario())


def test_age_reads_like_a_clock() -> None:
    assert [format_age(s) for s in (0, 59, 61, 3599, 3661)] == ["0s", "59s", "1m01s", "59m59s", "1h01m"]
