"""Problems in the operator's words: what happened, and the button on this panel that acts on it.

Parts report `booth.problems.Problem` records (kind, part, remedy, figures) in no language; this module
turns them into sentences in the installed language (EN/DE through the .qm), naming the panel's own
buttons (Retry, Resubmit…, Resume sending, Resume printer, Print again), so the advice is always one
the operator can follow here. A held or failed job records only its kind (`Job.problem`); its advice on
the job card is worded from that kind and the job's state.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Protocol

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from booth.problems import Part, Problem, ProblemKind, Remedy

K = ProblemKind
# QT_TRANSLATE_NOOP marks the English for pyside6-lupdate; its stub says it returns object, hence the tables' type.
# What happened, per kind; {ticket} and the figures in Problem.details fill the braces.
SITUATIONS: dict[ProblemKind, object] = {
    K.OFFLINE: QT_TRANSLATE_NOOP("ProblemWords", "The AI service cannot be reached; pictures wait in the queue."),
    K.AUTH: QT_TRANSLATE_NOOP("ProblemWords", "The AI service refused the sign-in; photos wait. Check the "
                                              "Credentials tab."),
    K.CREDITS: QT_TRANSLATE_NOOP("ProblemWords", "The account is out of credits; photos wait. Top it up."),
    K.RATE_LIMITED: QT_TRANSLATE_NOOP("ProblemWords", "The AI service takes fewer runs at once; booth now "
                                                      "sends {limit} at a time."),
    K.SERVER: QT_TRANSLATE_NOOP("ProblemWords", "The AI service has trouble; booth tries again shortly."),
    K.FAILED: QT_TRANSLATE_NOOP("ProblemWords", "The picture failed."),
    K.DEADLINE: QT_TRANSLATE_NOOP("ProblemWords", "No AI result in time; the guest got the framed original."),
    K.ANSWER_LOST: QT_TRANSLATE_NOOP("ProblemWords", "The answer to its run was lost; the service may have made "
                                                     "it already."),
    K.SEND_INTERRUPTED: QT_TRANSLATE_NOOP("ProblemWords", "Booth stopped while sending it; the service may have "
                                                          "the run already."),
    K.PHOTO_UNSAVED: QT_TRANSLATE_NOOP("ProblemWords", "The photo could not be saved; booth keeps it in memory "
                                                       "and tries again. Free space on the event disk."),
    K.RESULT_UNSAVED: QT_TRANSLATE_NOOP("ProblemWords", "The result could not be saved. Free space on the event "
                                                        "disk."),
    K.STORE_UNWRITABLE: QT_TRANSLATE_NOOP("ProblemWords", "The job list cannot be written. Check the event "
                                                          "folder's disk."),
    K.CAMERA_LOST: QT_TRANSLATE_NOOP("ProblemWords", "The camera stopped sending pictures; booth reconnects."),
    K.PRINTER_NOT_READY: QT_TRANSLATE_NOOP("ProblemWords", "The printer {name} is not ready ({state})."),
    K.PRINT_FAILED: QT_TRANSLATE_NOOP("ProblemWords", "A print failed."),
    K.PRINTING_OFF: QT_TRANSLATE_NOOP("ProblemWords", "Printing could not start; guests get the QR code only."),
    K.SHARE_FAILED: QT_TRANSLATE_NOOP("ProblemWords", "The picture could not be published for download; the "
                                                      "guest sees no QR code for it."),
    K.SHARING_OFF: QT_TRANSLATE_NOOP("ProblemWords", "The download server could not start; no QR codes for now."),
    K.STORE_REBUILT: QT_TRANSLATE_NOOP("ProblemWords", "The job list was damaged: moved aside to {moved_to}; "
                                                       "{kept} jobs kept, {rebuilt} rebuilt from the photos."),
    K.SYNC_FAILED: QT_TRANSLATE_NOOP("ProblemWords", "The shared storage cannot be reached; {waiting} files wait "
                                                     "here and go when it returns."),
}
OFFLINE_FALLBACK = QT_TRANSLATE_NOOP("ProblemWords", "The AI service cannot be reached; the local engine makes "
                                                     "the pictures meanwhile.")
DEADLINE_NO_FALLBACK = QT_TRANSLATE_NOOP("ProblemWords", "No AI result in time.")
# What the operator can do, naming the panel's button (Remedy.NONE: booth copes by itself).
ACTIONS: dict[tuple[Remedy, Part], object] = {
    (Remedy.RETRY, Part.JOBS): QT_TRANSLATE_NOOP("ProblemWords", "Press Retry on the Jobs tab to send it again."),
    (Remedy.RESUBMIT, Part.JOBS): QT_TRANSLATE_NOOP("ProblemWords", "Press Resubmit… on the Jobs tab to send it "
                                                                    "again (it may cost a credit), or Cancel job."),
    (Remedy.RESUME, Part.JOBS): QT_TRANSLATE_NOOP("ProblemWords", "Then press Resume sending on the Jobs tab."),
    (Remedy.RESUME, Part.PRINTER): QT_TRANSLATE_NOOP("ProblemWords", "Fix it, then press Resume printer on the "
                                                                     "Printer tab."),
    (Remedy.RETRY, Part.PRINTER): QT_TRANSLATE_NOOP("ProblemWords", "Press Print again on the Printer tab."),
}
TICKET = QT_TRANSLATE_NOOP("ProblemWords", "Ticket {ticket}: {words}")
OVER: dict[ProblemKind, object] = {
    K.OFFLINE: QT_TRANSLATE_NOOP("ProblemWords", "The AI service answers again; queued pictures are going out."),
    K.SERVER: QT_TRANSLATE_NOOP("ProblemWords", "The AI service answers again; queued pictures are going out."),
    K.RATE_LIMITED: QT_TRANSLATE_NOOP("ProblemWords", "The AI service takes runs again as usual."),
    K.AUTH: QT_TRANSLATE_NOOP("ProblemWords", "Sending resumed."),
    K.CREDITS: QT_TRANSLATE_NOOP("ProblemWords", "Sending resumed."),
    K.CAMERA_LOST: QT_TRANSLATE_NOOP("ProblemWords", "The camera is live again."),
    K.PRINTER_NOT_READY: QT_TRANSLATE_NOOP("ProblemWords", "The printer is ready again."),
    K.SYNC_FAILED: QT_TRANSLATE_NOOP("ProblemWords", "The shared storage answers again; waiting files are going out."),
    K.PHOTO_UNSAVED: QT_TRANSLATE_NOOP("ProblemWords", "The photo is saved now."),
    K.RESULT_UNSAVED: QT_TRANSLATE_NOOP("ProblemWords", "The result is saved now."),
    K.STORE_UNWRITABLE: QT_TRANSLATE_NOOP("ProblemWords", "The job list is written again."),
}
OVER_OTHER = QT_TRANSLATE_NOOP("ProblemWords", "Solved: {words}")
# The button a held or failed job offers, for a job that records only its kind.
JOB_REMEDY: dict[ProblemKind, Remedy] = {
    K.FAILED: Remedy.RETRY,
    K.DEADLINE: Remedy.RETRY,
    K.RESULT_UNSAVED: Remedy.RETRY,
    K.ANSWER_LOST: Remedy.RESUBMIT,
    K.SEND_INTERRUPTED: Remedy.RESUBMIT,
    K.AUTH: Remedy.RESUME,
    K.CREDITS: Remedy.RESUME,
}


class HeldJob(Protocol):
    """What the advice reads of a job (booth.jobs.job.Job)."""

    @property
    def problem(self) -> ProblemKind | None: ...
    @property
    def needs_operator(self) -> bool: ...
    @property
    def fallback(self) -> bool: ...


def _t(text: object) -> str:
    return QCoreApplication.translate("ProblemWords", str(text))


class _Figures(dict[str, object]):
    """Format figures; one the part did not give shows as "?" rather than failing the sentence."""

    def __missing__(self, key: str) -> str:
        return "?"


def _situation(kind: ProblemKind, details: Mapping[str, object]) -> str:
    if kind is K.OFFLINE and details.get("fallback"):
        return _t(OFFLINE_FALLBACK)
    if kind is K.DEADLINE and details.get("fallback") is False:
        return _t(DEADLINE_NO_FALLBACK)
    return _t(SITUATIONS[kind]).format_map(_Figures(details))


def _action(remedy: Remedy, part: Part) -> str:
    text = ACTIONS.get((remedy, part))
    return _t(text) if text else ""


def problem_text(problem: Problem) -> str:
    """The operator's sentence for one problem: what happened (with its ticket) and the button that acts."""
    words = " ".join(w for w in (_situation(problem.kind, problem.details), _action(problem.remedy, problem.part))
                     if w)  # fmt: skip
    return _t(TICKET).format(ticket=problem.ticket, words=words) if problem.ticket else words


def over_text(kind: ProblemKind) -> str:
    """The operator's line when a standing problem is over."""
    if kind in OVER:
        return _t(OVER[kind])
    return _t(OVER_OTHER).format(words=_situation(kind, {}))


def job_advice(job: HeldJob, state: str) -> str:
    """What a held or failed job needs, in the operator's words ("" when it needs nothing)."""
    kind = job.problem
    if kind is None:  # a job stored before jobs recorded their problem: read it from the state
        if job.needs_operator:
            kind = K.SEND_INTERRUPTED
        elif state == "failed":
            kind = K.FAILED
        elif job.fallback:
            kind = K.DEADLINE
        else:
            return ""
    if state == "completed" and kind is not K.DEADLINE:
        return ""
    return " ".join(w for w in (_situation(kind, {}), _action(JOB_REMEDY.get(kind, Remedy.NONE), Part.JOBS)) if w)
