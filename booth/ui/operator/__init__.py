"""The operator's control panel (OperatorPanel in panel.py), opened over the kiosk after the hidden gesture and PIN."""
