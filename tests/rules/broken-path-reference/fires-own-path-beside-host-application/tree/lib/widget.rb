module Widget; end
