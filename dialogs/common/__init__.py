"""What every feature shares: reply messages and buttons, text folding, helplines, data files."""
