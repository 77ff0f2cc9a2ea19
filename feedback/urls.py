from django.urls import path

from feedback import views

app_name = "feedback"

urlpatterns = [
    path("<int:page_id>/", views.report, name="report"),
    path("<int:page_id>/utile/", views.vote, name="vote"),
    path("<int:page_id>/merci/", views.thanks, name="thanks"),
]
