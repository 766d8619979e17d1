"""Assessments: quizzes from the synced content, graded on the server, with feedback that teaches."""
