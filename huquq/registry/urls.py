from django.urls import include, path

app_name = "registry"
urlpatterns = [
    path("", include("huquq.registry.employers.urls")),  # employers/ and warnings/ (issue 3)
    path("help/", include("huquq.registry.directory.urls")),  # help directory (issue 4)
]
