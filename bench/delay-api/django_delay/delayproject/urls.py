from django.urls import path

from . import views

urlpatterns = [path("delay-me", views.delay_me)]
