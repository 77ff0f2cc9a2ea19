from django.urls import path

from knowledge import views

app_name = "knowledge"

urlpatterns = [
    path("glossaire/", views.glossary, name="glossary"),
    path("glossaire/<slug:slug>/", views.glossary_term, name="glossary_term"),
]
