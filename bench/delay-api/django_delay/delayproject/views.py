import time

from django.http import HttpResponse


def delay_me(request):
    seconds = int(request.GET.get("seconds", 0))
    time.sleep(seconds)
    return HttpResponse(f"Done, I waited for {seconds} secs")
