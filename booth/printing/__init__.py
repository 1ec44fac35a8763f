"""Printing: page layouts composed at printer resolution, sent through QtPrintSupport to CUPS, and a watched,
persisted print queue (service.PrintService) that holds guests' prints while the printer is down."""
