from django.urls import include, path

app_name = "registry"
urlpatterns = [
    path("", include("huquq.registry.urls_employers")),  # employers/ and warnings/ (issue 3)
]
