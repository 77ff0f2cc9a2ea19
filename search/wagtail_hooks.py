from django.urls import path
from wagtail import hooks

from search.admin_views import ZeroResultPanel, mark_handled


@hooks.register("construct_homepage_panels")
def add_zero_result_panel(request, panels):
    panels.append(ZeroResultPanel())


@hooks.register("register_admin_urls")
def register_search_admin_urls():
    return [
        path(
            "boussole/recherches-sans-resultat/<int:pk>/traitee/",
            mark_handled,
            name="boussole_search_zero_result_handled",
        )
    ]
