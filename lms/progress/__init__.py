"""Progress: the learner's pages for courses and lessons, what they finished, where to resume."""
