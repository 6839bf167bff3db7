"""Fair campaigns, livestreams, their participants and offers (docs/fairs.md)."""

from .campaigns import FairCampaignPage, FairParticipant, ParticipantStatus
from .livestreams import (
    LivestreamEventPage,
    LivestreamIndexPage,
    LivestreamProduct,
    LivestreamReminder,
    LivestreamState,
    Platform,
)
from .offers import Offer

__all__ = [
    "FairCampaignPage",
    "FairParticipant",
    "LivestreamEventPage",
    "LivestreamIndexPage",
    "LivestreamProduct",
    "LivestreamReminder",
    "LivestreamState",
    "Offer",
    "ParticipantStatus",
    "Platform",
]
