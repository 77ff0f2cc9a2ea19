"""gunicorn for La Boussole in production: threaded workers (a slow client holds a thread, not
the whole worker), bounded request sizes and times. Values come from the environment."""

import os

wsgi_app = "cms.wsgi:application"
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
worker_class = "gthread"
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
# A client that sends its headers slowly holds a thread until they are in: 2 × 16 threads keep
# serving while a few dozen do (the proxy's buffering is the real guard, deploy/nginx.conf).
threads = int(os.environ.get("GUNICORN_THREADS", "16"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 20
keepalive = 5
# Headers a browser never needs more of; bodies are capped by the proxy (deploy/nginx.conf).
limit_request_line = 8190
limit_request_fields = 100
limit_request_field_size = 8190
accesslog = "-"
errorlog = "-"
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1")
