from django.urls import include, path

app_name = "registry"
urlpatterns = [
    path("", include("huquq.registry.urls_employers")),  # employers/ and warnings/ (issue 3)
    path("help/", include("huquq.registry.directory.urls")),  # help directory (issue 4)
]
