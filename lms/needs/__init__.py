"""Needs and requests: a learner states a need with the urgency they choose; mentors and staff
answer, refer to an outside service (sharing only what the learner agreed), and ask to close."""
