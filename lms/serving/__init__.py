"""How Pathways is served: compressed responses, long-cached static files, one JSON log line per
request, and a health check for the reverse proxy and the service manager."""
