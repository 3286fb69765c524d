document.title = 'scratchnet';
