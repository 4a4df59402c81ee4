"""The supervisor's side of a station, without Qt: signed actions and queue queries.

``service.SupervisorService`` records supervisor actions as signed events through the
outbox; ``queue`` reads the station database for the queue view (counts, pages,
exceptions, timelines, people).
"""
