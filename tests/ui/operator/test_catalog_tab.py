"""Catalog tab: the engine's looks with their preview pictures, and the guests' experiences as toggles."""

from __future__ import annotations

from typing import Any

from operator_rig import open_booth, wait_until


def test_looks_with_thumbnails_and_service_toggles(arun: Any, operator_settings: Any) -> None:
    async def scenario() -> dict[str, Any]:
        booth = await open_booth(operator_settings)
        tab, kiosk = booth.panel.catalog_tab, operator_settings.kiosk
        out: dict[str, Any] = {}
        try:
            booth.panel.show_tab("tab_catalog")
            await wait_until(lambda: tab.list.count() >= 12, 15, "the filters")
            await wait_until(lambda: all(not tab.list.item(i).icon().isNull() for i in range(tab.list.count())),
                             15, "every thumbnail")  # fmt: skip
            out["filters"] = tab.list.count()
            tab.kind.setCurrentIndex(tab.kind.findData("styles"))
            await wait_until(lambda: tab.list.count() == 17, 15, "the 17 styles")

            comic = tab.toggles["comic"]
            assert comic.isChecked() == ("comic" in kiosk.services)
            comic.click()
            out["comic_off"] = "comic" not in kiosk.services
            comic.click()
            out["comic_back_last"] = kiosk.services[-1] == "comic"

            for name, box in tab.toggles.items():  # switch all but the first offered one off
                if name != kiosk.services[0] and box.isChecked():
                    box.click()
            last = kiosk.services[0]
            tab.toggles[last].click()
            out["last_kept"] = kiosk.services == [last] and tab.toggles[last].isChecked()
            out["lines"] = booth.panel.messages.texts()
            return out
        finally:
            await booth.stop()

    out = arun(scenario())
    assert out["filters"] >= 12
    assert out["comic_off"] and out["comic_back_last"]
    assert out["last_kept"]
    assert any("At least one experience must stay on" in line for line in out["lines"])
