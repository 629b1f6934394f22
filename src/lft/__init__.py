"""lft: validates, renders and builds the bilingual LFT website."""
