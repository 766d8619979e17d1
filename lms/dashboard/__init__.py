"""The member's home page: it gathers what every feature has to say, so it sits above them all."""
