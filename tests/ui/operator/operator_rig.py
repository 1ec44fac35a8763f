"""Helpers for the operator panel tests: waiting on the loop, opening a booth with the panel, photos."""

from __future__ import annotations

import io
from typing import Any

import numpy as np
from PIL import Image
from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox, QWidget
from waiting import wait_until

from booth import settings as settings_mod


def photo(seed: int = 1, size: tuple[int, int] = (320, 240)) -> bytes:
    rng = np.random.default_rng(seed)
    pixels = rng.integers(0, 255, size=(size[1], size[0], 3), dtype=np.uint8)
    out = io.BytesIO()
    Image.fromarray(pixels).save(out, format="JPEG", quality=80)
    return out.getvalue()


class Booth:
    """The running parts and the operator panel over them, for one test."""

    def __init__(self, ctx: Any, panel: Any) -> None:
        self.ctx = ctx
        self.panel = panel

    async def stop(self) -> None:
        from booth.app import stop_parts

        self.panel._quitting = True
        self.panel.close()
        await stop_parts(self.ctx)
        from booth.ui.operator.background import pending_tasks

        await wait_until(lambda: pending_tasks() == 0, 10, "the panel's background work")


async def open_booth(settings: settings_mod.Settings, size: tuple[int, int] = (1920, 1080)) -> Booth:
    from booth.app import start_parts
    from booth.ui.operator.panel import OperatorPanel

    ctx = await start_parts(settings)
    panel = OperatorPanel(ctx)
    panel.resize(*size)
    panel.show()
    return Booth(ctx, panel)


def settle() -> None:
    """Apply the layouts a show, resize or tab switch asked for before looking at sizes or grabbing a picture:
    done, not waited for, so a loaded machine cannot make it come too early. Only layout requests are
    delivered (nested layouts post their own, hence a few rounds); running the whole event loop here would
    re-enter the qasync loop the test runs on."""
    for _ in range(4):
        QApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest.value)


def click(widget: QWidget) -> None:
    assert widget.isVisible() and widget.isEnabled(), f"{widget.objectName()} cannot be pressed now"
    QTest.mouseClick(widget, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     QPoint(widget.width() // 2, widget.height() // 2))  # fmt: skip


def find(parent: QWidget, name: str, kind: type = QWidget) -> Any:
    found = parent.findChild(kind, name)
    assert found is not None, f"no {kind.__name__} named {name!r}"
    return found


def question(name: str) -> QMessageBox | None:
    """An open confirmation box by object name (they are non-modal children of the panel)."""
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, QMessageBox) and widget.objectName() == name and widget.isVisible():
            return widget
    return None


def answer(name: str, yes: bool) -> None:
    box = question(name)
    assert box is not None, f"no open question {name!r}"
    button = box.findChild(QWidget, f"{name}_yes" if yes else f"{name}_no")
    button.click()


def all_text(root: QWidget) -> str:
    """Every text a person could see or hover over in a widget tree."""
    parts: list[str] = []
    for widget in [root, *root.findChildren(QWidget)]:
        parts.append(widget.toolTip())
        for attr in ("text", "placeholderText", "windowTitle", "currentText", "toPlainText"):
            getter = getattr(widget, attr, None)
            if callable(getter):
                try:
                    value = getter()
                except TypeError:
                    continue
                if isinstance(value, str):
                    parts.append(value)
        if isinstance(widget, QLabel):
            parts.append(widget.text())
    return "\n".join(parts)
