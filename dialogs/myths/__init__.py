"""Myths and facts about back pain: the knowledge base, the matcher, answer pages and the quiz."""
