"""booth's local engine: an Eventstation-compatible server doing real picture work with OpenCV, offline.

It is the booth's no-account default and offline fallback, and the test double every other part tests
against. Start one with `booth.engine.server.EngineServer(settings).start()` or `booth engine`.
"""
