"""Platform adapters: thin translators between a chat platform and `bot.service.Tradebrief`."""
