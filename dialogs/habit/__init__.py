"""The movement habit: plan, reminders schedule, logging exercises, guided routines, progress."""
