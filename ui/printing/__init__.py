"""Qt's half of label printing: the QtPrintSupport back-end and the print-job bridge."""
