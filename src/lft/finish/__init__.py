"""Finish: what the engine built, made strict and checked as a browser reads it, before it ships."""
