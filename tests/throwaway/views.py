from django.views.generic import DetailView

from core.viewmixins import AlternatesMixin, TranslatedSlugMixin

from .models import Notice


class NoticeDetailView(AlternatesMixin, TranslatedSlugMixin, DetailView):
    model = Notice
    template_name = "throwaway/notice_detail.html"
