"""Scanner inputs and the one scan pipeline they feed.

How a scan flows (everything on the GUI thread, on the event-loop turn of the scan)::

    keyboard wedge  --WedgeFilter.scanned(RawScan)--+
    serial scanner  --SerialScanner.scanned---------+
    camera frames   --CameraScanner.scanned---------+--> ScanPipeline.submit(raw)
    manual entry    --ManualEntry.submitted---------+        | parse + resolve (read-only
    cut-off/too-long bursts --.rejected(Rejected)---+        | unit of work, < 1 ms)
                                                             v
                         ScanPipeline.scanned(Scan) --> screens act, may respond(Verdict)
                         ScanPipeline.answered(Verdict) --> Feedback: flash, message, sound

Only the camera's decoding leaves the GUI thread (the task runner's pool); its reads
come back by signal and enter ``submit`` like any other.

| module | what it holds |
|---|---|
| ``pipeline`` | ``ScanPipeline``, ``Verdict`` |
| ``wedge_filter`` | the application-wide keyboard-wedge filter |
| ``serial`` | serial scanners through QtSerialPort |
| ``camera``, ``frames`` | camera scanning through QtMultimedia, frame conversion |
| ``hub`` | ``ScannerHub``: builds and owns all of the above for a kiosk |
"""
