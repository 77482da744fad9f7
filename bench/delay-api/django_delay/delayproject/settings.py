# As small as Django allows: no apps, no middleware, no database. This is Django at its
# fastest, so the comparison flatters it rather than LoopLab.
SECRET_KEY = "looplab-bench-only-not-secret"
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"]
ROOT_URLCONF = "delayproject.urls"
INSTALLED_APPS = []
MIDDLEWARE = []
DATABASES = {}
USE_TZ = True
