"""One widget per step of the guest's way; each shows the flow's state and forwards taps to it."""
