from knowledge.models.base import BoussolePage, ClassificationMixin, FreshnessMixin
from knowledge.models.glossary import GlossaryTerm
from knowledge.models.pages import (
    GuideChapterPage,
    GuidePage,
    PracticeSheetIndexPage,
    PracticeSheetPage,
    Seniority,
    TestimonyIndexPage,
    TestimonyPage,
)
from knowledge.models.taxonomy import Audience, Dispositif, ProjectStep, Territory, Theme
from knowledge.models.updates import PageUpdate
from knowledge.workflows import PeerReviewTask, ValidationTask  # the workflow's task models

__all__ = [
    "Audience",
    "BoussolePage",
    "ClassificationMixin",
    "Dispositif",
    "FreshnessMixin",
    "GlossaryTerm",
    "GuideChapterPage",
    "GuidePage",
    "PageUpdate",
    "PeerReviewTask",
    "PracticeSheetIndexPage",
    "PracticeSheetPage",
    "ProjectStep",
    "Seniority",
    "Territory",
    "TestimonyIndexPage",
    "TestimonyPage",
    "Theme",
    "ValidationTask",
]
