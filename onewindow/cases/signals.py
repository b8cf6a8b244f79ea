"""Signals of the case domain, for apps that follow cases without being called by them."""

from django.dispatch import Signal

# Sent by the engine inside the transaction of every transition, after its event is written.
# Arguments: case, event (CaseEvent), source, target (states), previous_level (the warning level
# of the clock the case was on before the transition).
case_transitioned = Signal()
