from django.urls import include, path

app_name = "registry"
urlpatterns = []
urlpatterns += [path("help/", include("huquq.registry.directory.urls"))]  # help directory (issue 4)
