"""Slack: the slash command, mentions and direct messages, through async Bolt (Socket Mode or HTTP)."""

from .adapter import SlackAdapter

__all__ = ["SlackAdapter"]
